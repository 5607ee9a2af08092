"""The site-wide layer's shared parts: home page, base templates, static files, security
headers, the private media view and `seed_demo`."""
