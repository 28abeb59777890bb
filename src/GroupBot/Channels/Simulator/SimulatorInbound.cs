using System.Text.RegularExpressions;
using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Channels.Simulator;

/// <summary>What the page posts: a person's text, a pressed button or a photo.</summary>
public sealed record SimulatorPost(string? User, string? Text, string? Choice, string? Id, SimulatorPhoto? Photo);

/// <summary>An uploaded image: <paramref name="Data"/> is base64 (the page sends the file's bytes).</summary>
public sealed record SimulatorPhoto(string? Name, string? Caption, string? Data);

/// <summary>
/// A post from the page → the neutral <see cref="IncomingMessage"/>, recorded and handled at once so
/// the answer carries its replies.
/// </summary>
public static partial class SimulatorInbound
{
    public const string UserError = "user must be 1-64 letters, digits, '-', '_' or '.'";
    public const string PhotoError = "photo.data must be base64 of a .jpg, .png or .webp image up to 5 MB";

    public static bool IsUser(string? user) => user is not null && UserPattern().IsMatch(user);

    /// <summary>Why the post cannot be taken, or null when it can.</summary>
    public static string? Refusal(SimulatorPost post) =>
        !IsUser(post.User) ? UserError
        : post.Text is null && post.Choice is null && post.Photo is null ? "send text, choice or photo"
        : post.Id is { Length: > 100 } || post.Choice is { Length: > 256 } ? "id or choice too long"
        : null;

    /// <summary>The message a post says, with its photo stored; null when the photo is not an acceptable image.</summary>
    public static async Task<IncomingMessage?> TranslateAsync(SimulatorPost post, string dataDirectory, CancellationToken ct)
    {
        IncomingPhoto? photo = null;
        if (post.Photo is { } upload)
        {
            var stored = await StorePhotoAsync(upload, dataDirectory, ct);
            if (stored is null)
            {
                return null;
            }

            photo = new IncomingPhoto(stored, string.IsNullOrWhiteSpace(upload.Caption) ? null : Words.Clean(upload.Caption));
        }

        return new IncomingMessage
        {
            Channel = ChannelNames.Simulator,
            ChatId = post.User!,
            SenderId = post.User!,
            ExternalId = post.Id ?? Guid.NewGuid().ToString("N"),
            Text = post.Text,
            ChoiceId = post.Choice,
            Photo = photo,
            SenderName = post.User,
        };
    }

    /// <summary>
    /// Records the message and handles its chat now. Returns the inbox id whose replies answer the post,
    /// or null when the database stayed busy.
    /// </summary>
    public static async Task<long?> HandleAsync(ChatProcessor processor, GroupBotDb db, IncomingMessage message, CancellationToken ct)
    {
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
            return inboxId;
        }
        catch (Exception ex) when (DbErrors.IsBusy(ex))
        {
            // A recorded message is handled in the background (its replies show up in GET); the
            // client may re-send the same id for them.
            if (inboxId is not null)
            {
                processor.Queue(message.ChatKey);
            }

            return null;
        }
    }

    /// <summary>Saves the upload under a new name; returns its file reference, or null when it is not an acceptable image.</summary>
    private static async Task<string?> StorePhotoAsync(SimulatorPhoto upload, string dataDirectory, CancellationToken ct)
    {
        var extension = Path.GetExtension(upload.Name ?? ".jpg").ToLowerInvariant();
        if (extension is not (".jpg" or ".jpeg" or ".png" or ".webp") || upload.Data is null || upload.Data.Length > SimulatorChannel.MaxPhotoBytes / 3 * 4 + 4)
        {
            return null;
        }

        var bytes = new byte[upload.Data.Length];
        if (!Convert.TryFromBase64String(upload.Data, bytes, out var length) || length == 0)
        {
            return null;
        }

        var folder = Path.Combine(dataDirectory, SimulatorChannel.FilesFolder);
        Directory.CreateDirectory(folder);
        var name = $"{Guid.NewGuid():N}{extension}";
        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes.AsMemory(0, length), ct);
        return $"simulator-file:{name}";
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex UserPattern();
}
