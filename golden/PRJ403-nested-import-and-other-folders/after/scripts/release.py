print("not a package")
