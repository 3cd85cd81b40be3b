from iacfix.cli import main

main()
