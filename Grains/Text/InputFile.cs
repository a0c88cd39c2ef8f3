namespace Auction.Grains.Text;

/// <summary>Reads an input file (a config, a world, a trace) within a size limit, as strict UTF-8; every failure is one sentence.</summary>
public static class InputFile
{
    /// <summary>
    /// The bytes of <paramref name="file"/>, or null with a one-sentence <paramref name="error"/> about
    /// <paramref name="subject"/> (how messages name the file, e.g. <c>--config 'a.json'</c>): a directory, a file
    /// larger than <paramref name="maxBytes"/>, or one that cannot be read.
    /// </summary>
    public static byte[]? ReadBytes(string file, long maxBytes, string subject, out string? error)
    {
        error = null;
        try
        {
            if (Directory.Exists(file))
            {
                error = $"{subject} cannot be read: it is a directory, not a file.";
                return null;
            }
            var info = new FileInfo(file);
            if (info.Exists && info.Length > maxBytes)
            {
                error = $"{subject} is {info.Length} bytes, more than the limit of {maxBytes}.";
                return null;
            }
            var bytes = File.ReadAllBytes(file);
            if (bytes.Length <= maxBytes) return bytes;
            error = $"{subject} is larger than {maxBytes} bytes.";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            // the reason may quote a long path: cut to an excerpt, the sentence still ends with its full stop
            error = $"{subject} cannot be read: {Excerpt.Of(e.Message.TrimEnd('.'))}.";
            return null;
        }
    }

    /// <summary>The text of <paramref name="file"/> read by <see cref="ReadBytes"/> and decoded by <see cref="StrictUtf8.Decode"/>.</summary>
    public static string? ReadText(string file, long maxBytes, string subject, out string? error) =>
        ReadBytes(file, maxBytes, subject, out error) is { } bytes ? StrictUtf8.Decode(bytes, subject, out error) : null;
}
