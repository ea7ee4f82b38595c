"""The bottom layer: what the catalogue, the evidence and the plans share (the public
content version and the shared copies of public pages, the curators' import machinery,
the language of database content). It imports none of those apps."""
