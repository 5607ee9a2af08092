"""Project configuration: settings per environment, root URLs, WSGI and ASGI entry points."""
