"""One module per codebook slot of a claim: who the victims are, who speaks, who did it,
the flags, when and where. Each reader returns a `Finding`: the value and the rule."""
