# Build: docker build -t groupbot .
# Run:   docker run -p 8080:8080 -v groupbot-data:/data groupbot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/GroupBot/GroupBot.csproj src/GroupBot/
RUN dotnet restore src/GroupBot/GroupBot.csproj
COPY src/ src/
RUN dotnet publish src/GroupBot/GroupBot.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The simulator lets anyone chat as anyone: off in the image. Try it locally with -e Simulator__Enabled=true.
ENV ASPNETCORE_URLS=http://+:8080 \
    GroupBot__DataDirectory=/data \
    Simulator__Enabled=false
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
# The image's non-root user (APP_UID, 1654).
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["dotnet", "GroupBot.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "GroupBot.dll"]
