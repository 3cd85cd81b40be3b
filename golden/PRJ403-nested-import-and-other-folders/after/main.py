#!/usr/bin/env python
from cdktf import App


def build() -> App:
    app = App()
    # imported late so `cdktf get` can run before the bindings exist
    from stacks.network import NetworkStack  # noqa: E402

    NetworkStack(app, "network")
    return app


build().synth()
