-- One PostgreSQL server, one database per service that needs one; all owned by the compose user (POSTGRES_USER).
CREATE DATABASE metadata;
CREATE DATABASE batch;
CREATE DATABASE autoscaler;
