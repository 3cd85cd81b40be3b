"""The rules, one module per rule, grouped by platform: cdktf/ (CDK1xx), aws/ (AWS2xx, both platforms)."""
