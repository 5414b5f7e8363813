"""Proposers read a quantity as a claim: which outcome, told by which word, counting whom.
Each returns the same `Proposal`; the extractor asks them in turn."""
