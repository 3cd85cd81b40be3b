"""Rules for CDKTF programs (codes CDK1xx)."""
