"""iacfix: finds and fixes the mechanical failures of CDKTF and Pulumi programs for AWS."""

__version__ = "0.1.0"
