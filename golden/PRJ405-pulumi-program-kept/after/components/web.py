import pulumi


class WebService(pulumi.ComponentResource):
    def __init__(self, name, port, opts=None):
        super().__init__("app:web:WebService", name, None, opts)
        self.url = f"http://localhost:{port}"
