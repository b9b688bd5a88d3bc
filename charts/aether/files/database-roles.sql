-- Aether's two database roles (docs/operations.md, "Database roles"). The migrator
-- owns the schema and runs the migrations and the seed (DDL); the runtime role,
-- which the gateways and zone servers use, reads and writes rows and nothing else,
-- so a compromised pod cannot drop or alter a table.
--
-- Run once, as a superuser or a role with CREATEROLE that owns the database,
-- connected to the Aether database (evaluation mode's PostgreSQL runs it at init):
--   psql -v ON_ERROR_STOP=1 -d aether -v database=aether \
--     -v migrator=aether_migrator -v migrator_password="$MIGRATOR_PASSWORD" \
--     -v runtime=aether_app -v runtime_password="$RUNTIME_PASSWORD" \
--     -f charts/aether/files/database-roles.sql

CREATE ROLE :"migrator" LOGIN PASSWORD :'migrator_password';
CREATE ROLE :"runtime" LOGIN PASSWORD :'runtime_password';

-- Only these two (and the owner) connect; nobody gets temporary tables.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"database" TO :"migrator", :"runtime";

-- The migrator creates the tables, so it owns them. Before PostgreSQL 15 every
-- role could create objects in public; nobody but the migrator may now.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"migrator";
GRANT USAGE ON SCHEMA public TO :"runtime";

-- Rows of every table and sequence the migrator creates from now on...
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"runtime";
ALTER DEFAULT PRIVILEGES FOR ROLE :"migrator" IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO :"runtime";

-- ...and of those that already exist (a database migrated before the split;
-- hand them to the migrator first: REASSIGN OWNED BY <old owner> TO <migrator>).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"runtime";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"runtime";
