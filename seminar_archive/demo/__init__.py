"""Demo and test helpers: a loopback static server and a fictional seminar site."""
