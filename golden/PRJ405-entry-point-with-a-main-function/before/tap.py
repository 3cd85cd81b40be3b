from cdktf import App

from lib.tap_stack import TapStack


def main() -> None:
    app = App()
    TapStack(app, "prod")
    app.synth()


if __name__ == "__main__":
    main()
