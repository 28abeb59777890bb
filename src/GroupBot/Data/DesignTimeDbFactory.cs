using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GroupBot.Data;

/// <summary>Lets "dotnet ef migrations add" build the model without starting the bot.</summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<GroupBotDb>
{
    public GroupBotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GroupBotDb>().UseSqlite("Data Source=design-time.db").Options);
}
