# A FROM scratch application image: init as PID 1, a non-root user, and a
# health check in exec form (no shell in the image, so healthcheck expands
# ${PORT:-8080} itself).
FROM init-healthcheck AS tools

FROM scratch
COPY --from=tools /init /healthcheck /
COPY app /app
ENV PORT=8080
USER 10001:10001
# podman: build with --format docker, or HEALTHCHECK is dropped (OCI has no
# health check; podman only warns).
HEALTHCHECK --interval=10s --timeout=2s --start-period=5s \
    CMD ["/healthcheck", "-t", "1500ms", "http://localhost:${PORT:-8080}/healthz"]
ENTRYPOINT ["/init", "--"]
CMD ["/app"]
