"""Rules for Pulumi programs (codes PUL3xx)."""
