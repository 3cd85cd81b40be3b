import pulumi_aws as aws
from cdktf import TerraformStack
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from constructs import Construct


class DatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, construct_id: str, engine: str):
        super().__init__(scope, construct_id)

        # Regional Aurora MySQL can backtrack.
        RdsCluster(self, "mysql", engine="aurora-mysql", backtrack_window=86400)
        # The engine is not known here: left alone.
        RdsCluster(self, "other", engine=engine, backtrack_window=86400)
        # Zero turns backtrack off.
        RdsCluster(self, "pg", engine="aurora-postgresql", backtrack_window=0)
        # Not a global-cluster member.
        RdsCluster(self, "standalone", engine="aurora-mysql", global_cluster_identifier=None, backtrack_window=60)


aws.rds.Cluster("mysql", engine=aws.rds.EngineType.AURORA_MYSQL, backtrack_window=86400)
