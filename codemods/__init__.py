"""The rules, one module per rule, grouped by platform: cdktf/ (CDK1xx), aws/ (AWS2xx, CDKTF and
Pulumi alike), pulumi/ (PUL3xx), project/ (PRJ4xx and TST504, which see a whole project) and
testing/ (TST5xx, which read test files)."""
