SEED = ["a", "b"]
