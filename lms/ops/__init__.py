"""Running the site on several servers: the client's real address behind trusted proxies and
rate limits kept in the shared cache."""
