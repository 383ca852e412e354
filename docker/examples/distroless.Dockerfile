# A distroless-style image: there is an /etc/passwd, so init can drop to a
# named user by itself (init reads /etc/passwd and /etc/group directly).
FROM init-healthcheck AS tools

FROM gcr.io/distroless/static-debian12
COPY --from=tools /init /healthcheck /usr/local/bin/
COPY app /app
# podman: build with --format docker, or HEALTHCHECK is dropped (OCI has no
# health check; podman only warns).
HEALTHCHECK CMD ["/usr/local/bin/healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/usr/local/bin/init", "--user", "nonroot", "--grace", "10s", "--"]
CMD ["/app"]
