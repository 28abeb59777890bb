using System.Text.RegularExpressions;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Channels.Simulator;

/// <summary>"Simulator" settings. Enabled defaults to on when no Telegram or WhatsApp credentials are set.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulator";
    public bool? Enabled { get; set; }
}

/// <summary>The simulator delivers by keeping the outbox row: the page reads it back.</summary>
public sealed class SimulatorSender : IChannelSender
{
    public string Channel => ChannelNames.Simulator;

    public Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult<SendResult>(new SendResult.Sent(null));
}

public sealed record SimulatorPost(string? User, string? Text, string? Choice, string? Id, SimulatorPhoto? Photo);

/// <summary>An uploaded image: <paramref name="Data"/> is base64 (the page sends the file's bytes).</summary>
public sealed record SimulatorPhoto(string? Name, string? Caption, string? Data);

public sealed record SimulatorReply(string Text, IReadOnlyList<Choice> Choices, string? Document, string? Photo);

/// <summary>
/// A local web chat, the default channel when no chat credentials are set. The page and the tests
/// use the same HTTP API: POST /simulator/messages returns the replies to that message, and
/// GET /simulator/messages?user=… returns everything the bot has sent that user.
/// </summary>
public static partial class SimulatorChannel
{
    public const int MaxUserLength = 64;

    /// <summary>Photos in the simulator are kept as files in the data directory, like a channel keeps them on its servers.</summary>
    public const int MaxPhotoBytes = 5 * 1024 * 1024;
    public const string FilesFolder = "simulator-files";

    /// <summary>The largest photo as base64 (4 characters per 3 bytes), plus room for the rest of the message.</summary>
    public const long MaxBodyBytes = MaxPhotoBytes / 3 * 4 + 64 * 1024;

    public static IHostApplicationBuilder AddSimulator(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section);
        if (IsEnabled(builder.Configuration))
        {
            builder.Services.AddSingleton<IChannelSender, SimulatorSender>();
        }

        return builder;
    }

    public static bool IsEnabled(IConfiguration configuration)
    {
        var forced = configuration.GetValue<bool?>($"{SimulatorOptions.Section}:Enabled");
        if (forced is { } value)
        {
            return value;
        }

        return string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) && string.IsNullOrWhiteSpace(configuration["WhatsApp:AccessToken"]);
    }

    public static WebApplication MapSimulator(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        app.MapGet("/", () => Results.Stream(typeof(SimulatorChannel).Assembly.GetManifestResourceStream("GroupBot.Simulator.index.html")!, "text/html; charset=utf-8"));
        // Every photo is held in the inbox, so the limit is the largest photo, not Kestrel's 30 MB.
        app.MapPost("/simulator/messages", PostAsync).WithBodyLimit(MaxBodyBytes);
        app.MapGet("/simulator/messages", GetAsync);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            app.Logger.LogInformation("GroupBot simulator: open {Urls} in a browser to chat with the bot", urls);
        });
        return app;
    }

    private static async Task<IResult> PostAsync(SimulatorPost body, ChatProcessor processor, GroupBotDb db,
        Microsoft.Extensions.Options.IOptions<GroupBotOptions> options, CancellationToken ct)
    {
        if (body.User is null || !UserPattern().IsMatch(body.User))
        {
            return Results.BadRequest(new { error = "user must be 1-64 letters, digits, '-', '_' or '.'" });
        }

        if (body.Text is null && body.Choice is null && body.Photo is null)
        {
            return Results.BadRequest(new { error = "send text, choice or photo" });
        }

        if (body.Id is { Length: > 100 } || body.Choice is { Length: > 256 })
        {
            return Results.BadRequest(new { error = "id or choice too long" });
        }

        IncomingPhoto? photo = null;
        if (body.Photo is { } upload)
        {
            var stored = await StorePhotoAsync(upload, options.Value.DataDirectory, ct);
            if (stored is null)
            {
                return Results.BadRequest(new { error = "photo.data must be base64 of a .jpg, .png or .webp image up to 5 MB" });
            }

            photo = new IncomingPhoto(stored, string.IsNullOrWhiteSpace(upload.Caption) ? null : Words.Clean(upload.Caption));
        }

        var message = new IncomingMessage
        {
            Channel = ChannelNames.Simulator,
            ChatId = body.User,
            SenderId = body.User,
            ExternalId = body.Id ?? Guid.NewGuid().ToString("N"),
            Text = body.Text,
            ChoiceId = body.Choice,
            Photo = photo,
            SenderName = body.User,
        };
        long? inboxId = null;
        try
        {
            inboxId = await processor.AcceptAsync(message, queue: false, ct);
            if (inboxId is null)
            {
                // A re-sent id: answer with what the first delivery produced, and change nothing.
                inboxId = await db.Inbox.Where(e => e.Channel == ChannelNames.Simulator && e.ExternalId == message.ExternalId)
                    .Select(e => (long?)e.Id).SingleAsync(ct);
            }

            await processor.ProcessChatAsync(message.ChatKey, ct);
        }
        catch (Exception ex) when (SqliteErrors.IsBusy(ex))
        {
            // The database stayed busy. A recorded message is handled in the background (its
            // replies show up in GET); the client may re-send the same id for them.
            if (inboxId is not null)
            {
                processor.Queue(message.ChatKey);
            }

            return Results.Problem("The database is busy; send the same id again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var rows = await db.Outbox.AsNoTracking().Where(o => o.InboxEntryId == inboxId).OrderBy(o => o.Id).ToListAsync(ct);
        return Results.Ok(new { replies = rows.Select(ToReply) });
    }

    /// <summary>Saves the upload under a new name; returns its file reference, or null when it is not an acceptable image.</summary>
    private static async Task<string?> StorePhotoAsync(SimulatorPhoto upload, string dataDirectory, CancellationToken ct)
    {
        var extension = Path.GetExtension(upload.Name ?? ".jpg").ToLowerInvariant();
        if (extension is not (".jpg" or ".jpeg" or ".png" or ".webp") || upload.Data is null || upload.Data.Length > MaxPhotoBytes / 3 * 4 + 4)
        {
            return null;
        }

        var bytes = new byte[upload.Data.Length];
        if (!Convert.TryFromBase64String(upload.Data, bytes, out var length) || length == 0)
        {
            return null;
        }

        var folder = Path.Combine(dataDirectory, FilesFolder);
        Directory.CreateDirectory(folder);
        var name = $"{Guid.NewGuid():N}{extension}";
        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes.AsMemory(0, length), ct);
        return $"simulator-file:{name}";
    }

    private static async Task<IResult> GetAsync(string? user, GroupBotDb db, CancellationToken ct)
    {
        if (user is null || !UserPattern().IsMatch(user))
        {
            return Results.BadRequest(new { error = "user must be 1-64 letters, digits, '-', '_' or '.'" });
        }

        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.Channel == ChannelNames.Simulator && o.ChatId == user)
            .OrderBy(o => o.Id)
            .ToListAsync(ct);
        return Results.Ok(new
        {
            messages = rows.Select(r => (Row: r, Reply: ToReply(r))).Select(x => new
            {
                id = x.Row.Id,
                at = x.Row.CreatedUtc,
                text = x.Reply.Text,
                choices = x.Reply.Choices,
                document = x.Reply.Document,
                photo = x.Reply.Photo,
            }),
        });
    }

    private static SimulatorReply ToReply(OutboxMessage row)
    {
        var m = Outbox.Read(row);
        return new SimulatorReply(m.Text, m.Choices, m.Document?.FileName, m.Photo?.FileName);
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex UserPattern();
}
