"""The stacks."""
