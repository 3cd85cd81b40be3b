"""Rules that see a whole project: entry point, stack modules and folders (codes PRJ4xx, TST504)."""
