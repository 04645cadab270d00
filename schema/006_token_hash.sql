-- Bearer tokens are kept as their SHA-256 only (hex): a copy of the database gives
-- nobody a way into a workshop. The server derives a token again from its secret
-- (`<db>.key`, never in this file) when it must print a console link.
-- atelier_token_hash() is registered by the server on the connection that migrates.
ALTER TABLE tokens RENAME COLUMN token TO token_hash;
UPDATE tokens SET token_hash = atelier_token_hash(token_hash);
