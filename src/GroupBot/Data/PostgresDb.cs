using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GroupBot.Data;

/// <summary>
/// The same model on PostgreSQL. Its own type only so that its migration set
/// (Data/Migrations/Postgres) is told apart from SQLite's; everything else asks for <see cref="GroupBotDb"/>.
/// </summary>
public sealed class PostgresDb(DbContextOptions<PostgresDb> options) : GroupBotDb(options)
{
    /// <summary>
    /// SQLite's NOCASE under the same name: an ICU collation that compares case-insensitively
    /// (level 2), so names are looked up and kept unique the same way on both providers.
    /// </summary>
    public const string CaseInsensitive = "NOCASE";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasCollation(CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>Lets "dotnet ef migrations add NAME --context PostgresDb" build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDb>
{
    public PostgresDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql("Host=localhost;Database=groupbot_design").Options);
}
