namespace GroupBot.Data;

public enum DatabaseProvider
{
    /// <summary>Files in GroupBot:DataDirectory; one instance. The default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server at ConnectionStrings:GroupBot; one or several instances.</summary>
    Postgres,
}

/// <summary>
/// Database:Provider and ConnectionStrings:GroupBot, read once at start (Quartz's store is set up
/// before options can be resolved). An unknown provider or a Postgres provider without a
/// connection string stops the start with a sentence saying what to set.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string? ConnectionString)
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionName = "GroupBot";

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>The PostgreSQL connection string (only asked for when the provider is Postgres).</summary>
    public string PostgresConnection => ConnectionString ?? throw new InvalidOperationException(MissingConnection);

    private const string MissingConnection =
        "Database:Provider is Postgres but ConnectionStrings:GroupBot is empty. Set it, for example ConnectionStrings__GroupBot=\"Host=db;Database=groupbot;Username=groupbot;Password=...\".";

    public static DatabaseSettings Of(IConfiguration configuration)
    {
        var raw = configuration[ProviderKey];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(raw))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(raw.Trim(), ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider \"{raw}\" is not known: use Sqlite (the default) or Postgres.");
        }

        var connection = configuration.GetConnectionString(ConnectionName);
        var settings = new DatabaseSettings(provider, string.IsNullOrWhiteSpace(connection) ? null : connection);
        if (settings.IsPostgres && settings.ConnectionString is null)
        {
            throw new InvalidOperationException(MissingConnection);
        }

        return settings;
    }
}
