"""The online library: toolkits, webinars, trainings, protocol templates and publications."""
