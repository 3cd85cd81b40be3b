import pulumi

from components.web import WebService

service = WebService(
    "web",
    port=8080,
)
pulumi.export("url", service.url)
