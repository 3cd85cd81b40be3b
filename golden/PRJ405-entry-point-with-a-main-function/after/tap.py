from cdktf import App

from lib.tap_stack import TapStack
import os


def main() -> None:
    app = App()
    environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
    TapStack(app, f"prod-{environment_suffix}")
    app.synth()


if __name__ == "__main__":
    main()
