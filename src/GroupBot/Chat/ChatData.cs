using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GroupBot.Chat;

/// <summary>The core's tables: conversations, the inbox and the outbox.</summary>
public static class ChatData
{
    extension(GroupBotDb db)
    {
        public DbSet<Conversation> Conversations => db.Set<Conversation>();
        public DbSet<InboxEntry> Inbox => db.Set<InboxEntry>();
        public DbSet<OutboxMessage> Outbox => db.Set<OutboxMessage>();
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> e)
    {
        e.ToTable("Conversations");
        e.HasIndex(x => new { x.Channel, x.ChatId, x.UserId }).IsUnique();
        e.HasIndex(x => x.ExpiresUtc);
    }
}

internal sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> e)
    {
        e.ToTable("Inbox");
        e.HasIndex(x => new { x.Channel, x.ExternalId }).IsUnique();
        e.HasIndex(x => new { x.ProcessedUtc, x.ChatKey });
        e.HasIndex(x => new { x.ChatKey, x.ReceivedUtc });
        // Marking an entry handled checks that nobody did meanwhile (another instance, in a race
        // the chat lease should have prevented): that transaction then rolls back.
        e.Property(x => x.ProcessedUtc).IsConcurrencyToken();
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("Outbox");
        e.HasIndex(x => new { x.Status, x.NextAttemptUtc });
        e.HasIndex(x => new { x.Channel, x.ChatId });
        e.HasIndex(x => x.InboxEntryId);
        e.HasIndex(x => x.DeliveryKey).IsUnique();
    }
}
