using System.ComponentModel.DataAnnotations;

namespace GroupBot.Data;

/// <summary>The "GroupBot" settings section.</summary>
public sealed class GroupBotOptions
{
    public const string Section = "GroupBot";

    public const string DefaultDataDirectory = "./data";

    /// <summary>Folder for the SQLite files (groupbot.db, scheduler.db). Created if missing.</summary>
    [Required]
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>
    /// GroupBot:DataDirectory read straight from configuration, for what is set up before options
    /// can be resolved (Quartz's store) or without a host (the command line tools).
    /// </summary>
    public static string DataDirectoryOf(IConfiguration configuration) =>
        configuration[$"{Section}:{nameof(DataDirectory)}"] is { Length: > 0 } folder ? folder : DefaultDataDirectory;

    /// <summary>IANA time zone of the deployment. Meeting dates and times are in this zone.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>Chat addresses of admins, e.g. "telegram:12345", "whatsapp:6281234567890", "simulator:admin".</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>An idle conversation ends after this long, with a message.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ConversationTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a database command waits for another writer's lock (SQLite has one writer at a
    /// time) before it fails with SQLITE_BUSY. A failed update is not lost: it is retried.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DatabaseBusyTimeout { get; set; } = DataExtensions.DefaultBusyTimeout;

    /// <summary>Language for people who have not chosen one: "id" or "en".</summary>
    [RegularExpression("^(id|en)$")]
    public string DefaultLanguage { get; set; } = "id";
}
