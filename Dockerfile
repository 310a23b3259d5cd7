# syntax=docker/dockerfile:1

# Build on the builder's own platform and cross-publish for the target's architecture (docker buildx --platform ...).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
# The version the service reports (the git tag without its v: --build-arg VERSION=1.2.0). The build context has no .git,
# so MinVer cannot read the tags here; without the argument the image says it is unversioned.
ARG VERSION=0.0.0-unversioned
WORKDIR /src
# global.json allows any 10.0 SDK feature band, so the SDK image's band never breaks this build.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/AuthApi/AuthApi.csproj src/AuthApi/
COPY src/AuthApi.Contracts/AuthApi.Contracts.csproj src/AuthApi.Contracts/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet restore src/AuthApi/AuthApi.csproj -a $TARGETARCH
COPY src/AuthApi/ src/AuthApi/
# The response records, error codes and header names it shares with the client.
COPY src/AuthApi.Contracts/ src/AuthApi.Contracts/
# The OpenAPI file is generated in the repository, not in the image build.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/AuthApi/AuthApi.csproj -a $TARGETARCH -c Release -o /app --no-restore -p:OpenApiGenerateDocuments=false \
    -p:MinVerVersionOverride=$VERSION

# Run: the ASP.NET Core runtime only, as the image's non-root user ($APP_UID, set by the base image).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Auth__DataProtection__KeysPath=/var/lib/authapi/keys
RUN mkdir -p /var/lib/authapi/keys && chown -R $APP_UID /var/lib/authapi
COPY --link --from=build /app .
USER $APP_UID
# Cookie encryption keys: mount a volume so a new container still reads existing sessions.
VOLUME /var/lib/authapi/keys
EXPOSE 8080
# The runtime image has no curl: ask /healthz over bash's /dev/tcp, on the first port ASPNETCORE_HTTP_PORTS names.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["bash", "-c", "port=${ASPNETCORE_HTTP_PORTS%%[,;]*}; exec 3<>/dev/tcp/127.0.0.1/${port:-8080} && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "AuthApi.dll"]
