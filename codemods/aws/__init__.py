"""AWS rules (codes AWS2xx), written once against the Terraform resource type for CDKTF and Pulumi."""
