# The database of compose.yaml: the postgres image (or DB_BASE) with
# /healthcheck added for its HEALTHCHECK-less healthcheck: test.
ARG DB_BASE=postgres:15
FROM init-healthcheck AS tools

FROM ${DB_BASE}
COPY --from=tools /healthcheck /healthcheck
