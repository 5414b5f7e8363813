"""Article resolvers: passes over all of an article's claims, named in the config."""
