"""The domain: the model, the practice's rules, dates and labels, errors and atomic files; imports nothing of ours."""
