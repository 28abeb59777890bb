using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Channels.Simulator;

/// <summary>
/// A local web chat, the default channel when no chat credentials are set. The page and the tests
/// use the same HTTP API: POST /simulator/messages returns the replies to that message, and
/// GET /simulator/messages?user=… returns everything the bot has sent that user.
/// </summary>
public static class SimulatorChannel
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

    private static async Task<IResult> PostAsync(SimulatorPost body, ChatProcessor processor, GroupBotDb db, IOptions<GroupBotOptions> options, CancellationToken ct)
    {
        if (SimulatorInbound.Refusal(body) is { } error)
        {
            return Results.BadRequest(new { error });
        }

        if (await SimulatorInbound.TranslateAsync(body, options.Value.DataDirectory, ct) is not { } message)
        {
            return Results.BadRequest(new { error = SimulatorInbound.PhotoError });
        }

        if (await SimulatorInbound.HandleAsync(processor, db, message, ct) is not { } inboxId)
        {
            return Results.Problem("The database is busy; send the same id again shortly.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var rows = await db.Outbox.AsNoTracking().Where(o => o.InboxEntryId == inboxId).OrderBy(o => o.Id).ToListAsync(ct);
        return Results.Ok(new { replies = rows.Select(SimulatorSender.Render) });
    }

    private static async Task<IResult> GetAsync(string? user, GroupBotDb db, CancellationToken ct)
    {
        if (!SimulatorInbound.IsUser(user))
        {
            return Results.BadRequest(new { error = SimulatorInbound.UserError });
        }

        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.Channel == ChannelNames.Simulator && o.ChatId == user)
            .OrderBy(o => o.Id)
            .ToListAsync(ct);
        return Results.Ok(new
        {
            messages = rows.Select(r => (Row: r, Reply: SimulatorSender.Render(r))).Select(x => new
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
}
