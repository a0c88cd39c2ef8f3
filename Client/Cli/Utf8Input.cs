using System.Text;

namespace Auction.Client.Cli;

/// <summary>
/// Reads a config or scenario file (or stdin) as strict UTF-8 within <see cref="InputLimits.MaxFileBytes"/>:
/// invalid bytes are an error with their offset, not silently replaced by U+FFFD.
/// </summary>
public static class Utf8Input
{
    /// <summary>
    /// Set by the process entry point: stdin is read as raw bytes (Console.In has already decoded them lossily).
    /// Tests that run the CLI in-process hand their stdin in as text instead (<see cref="StandardStreams.Input"/>).
    /// </summary>
    public static bool ReadsRawStandardInput { get; set; }

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The text of <paramref name="file"/> ("-" for stdin, or <paramref name="standardInput"/> when given), or null
    /// with a one-sentence <paramref name="error"/> that starts with <paramref name="what"/>.
    /// </summary>
    public static string? Read(string file, string what, out string? error, TextReader? standardInput = null)
    {
        byte[] bytes;
        try
        {
            if (StandardInputArgument.IsStandardInput(file))
            {
                bytes = ReadStandardInput(standardInput, out var tooLong);
                if (tooLong) return Fail($"{what} (stdin) is larger than {InputLimits.MaxFileBytes} bytes.", out error);
            }
            else
            {
                if (Directory.Exists(file)) return Fail($"{what} '{Excerpt.Of(file)}' cannot be read: it is a directory, not a file.", out error);
                var info = new FileInfo(file);
                if (info.Exists && info.Length > InputLimits.MaxFileBytes)
                    return Fail($"{what} '{Excerpt.Of(file)}' is {info.Length} bytes, more than the limit of {InputLimits.MaxFileBytes}.", out error);
                bytes = File.ReadAllBytes(file);
                if (bytes.Length > InputLimits.MaxFileBytes)
                    return Fail($"{what} '{Excerpt.Of(file)}' is larger than {InputLimits.MaxFileBytes} bytes.", out error);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Fail($"{what} '{Excerpt.Of(file)}' cannot be read: {Excerpt.Of(e.Message)}", out error);
        }

        return Decode(bytes, $"{what} '{Excerpt.Of(file)}'", out error);
    }

    /// <summary>Decodes strict UTF-8 (a leading byte order mark is skipped), or null with the offset of the first invalid byte.</summary>
    public static string? Decode(byte[] bytes, string what, out string? error)
    {
        var start = bytes.AsSpan().StartsWith(Strict.Preamble) ? Strict.Preamble.Length : 0;
        try
        {
            error = null;
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            return Fail($"{what} is not UTF-8: invalid byte 0x{(e.BytesUnknown is { Length: > 0 } b ? b[0] : 0):X2} at byte offset {start + e.Index}.", out error);
        }
    }

    private static byte[] ReadStandardInput(TextReader? text, out bool tooLong)
    {
        if (text is null && ReadsRawStandardInput)
        {
            using var stream = Console.OpenStandardInput();
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > InputLimits.MaxFileBytes) { tooLong = true; return []; }
            }
            tooLong = false;
            return buffer.ToArray();
        }

        var chars = new char[InputLimits.MaxFileBytes + 1];
        var count = (text ?? Console.In).ReadBlock(chars, 0, chars.Length);
        tooLong = count > InputLimits.MaxFileBytes;
        return Strict.GetBytes(chars, 0, Math.Min(count, InputLimits.MaxFileBytes));
    }

    private static string? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
