namespace GroupBot.People;

/// <summary>A person known to the bot. A person may have no phone at all (added by a leader).</summary>
public sealed class Person
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>"id" (Bahasa Indonesia) or "en".</summary>
    public string Language { get; set; } = "id";

    /// <summary>Phone number as international digits (62812...), when a leader gave one.</summary>
    public string? Phone { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the person agreed to the data notice at onboarding (UU 27/2022).</summary>
    public DateTime? ConsentUtc { get; set; }

    /// <summary>"hapus data": her name, phone and chat accounts were removed; group figures keep the anonymous rows.</summary>
    public DateTime? DeletedUtc { get; private set; }

    public List<ChatIdentity> Identities { get; } = [];
    public List<Membership> Memberships { get; } = [];

    /// <summary>"hapus data": her name becomes <paramref name="anonymousName"/>; phone and consent are gone. The row stays for group figures.</summary>
    /// <exception cref="InvalidOperationException">Her data was deleted already.</exception>
    public void ErasePersonalData(string anonymousName, DateTime nowUtc)
    {
        if (DeletedUtc is not null)
        {
            throw new InvalidOperationException($"Person {Id} cannot go from Deleted to Deleted.");
        }

        Name = anonymousName;
        Phone = null;
        ConsentUtc = null;
        DeletedUtc = nowUtc;
    }
}

/// <summary>One chat account of a person, for example telegram:123 or whatsapp:6281234567890.</summary>
public sealed class ChatIdentity
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public Person? Person { get; set; }
    public required string Channel { get; set; }
    public required string Address { get; set; }
    public DateTime? LastInboundUtc { get; set; }

    /// <summary>Set when the channel says we can no longer reach this account (blocked bot).</summary>
    public DateTime? UnreachableUtc { get; set; }
}
