using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Channels.Telegram;

/// <summary>Aliases for button ids longer than Telegram's callback_data allows.</summary>
public static class TelegramData
{
    extension(GroupBotDb db)
    {
        public DbSet<CallbackAlias> CallbackAliases => db.Set<CallbackAlias>();
    }
}

internal sealed class CallbackAliasConfiguration : IEntityTypeConfiguration<CallbackAlias>
{
    public void Configure(EntityTypeBuilder<CallbackAlias> e)
    {
        e.ToTable("CallbackAliases");
        e.HasKey(x => x.Key);
    }
}
