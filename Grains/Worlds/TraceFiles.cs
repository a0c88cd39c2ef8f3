namespace Auction.Grains.Worlds;

/// <summary>
/// Where a world's traces come from: files relative to the world file's folder, or the texts a
/// <see cref="Auction.Grains.Interfaces.Models.WorldSource"/> carries under the paths the world file writes. Each
/// trace is read once, however many providers follow it.
/// </summary>
internal abstract class TraceFiles
{
    private readonly Dictionary<string, (RateTrace? Trace, List<string> Problems)> _loaded = new(StringComparer.Ordinal);

    /// <summary>Traces read from disk; <see cref="OnDisk.Texts"/> keeps what was read, by the path as written.</summary>
    public static OnDisk FromDirectory(string baseDirectory) => new(baseDirectory);

    /// <summary>Traces from their texts, by the path as the world file writes it.</summary>
    public static TraceFiles FromTexts(IReadOnlyDictionary<string, string> texts) => new Carried(texts);

    /// <summary>The trace <paramref name="written"/> names, or null with its problems (sentences about it) added to <paramref name="problems"/>.</summary>
    public RateTrace? Load(string written, List<string> problems)
    {
        if (Key(written, out var problem) is not { } key)
        {
            problems.Add(problem!);
            return null;
        }
        if (!_loaded.TryGetValue(key, out var loaded))
        {
            var found = new List<string>();
            loaded = (Read(key, written, found), found);
            _loaded[key] = loaded;
        }
        problems.AddRange(loaded.Problems);
        return loaded.Trace;
    }

    /// <summary>What names the trace uniquely, or null with the sentence that says why <paramref name="written"/> names none.</summary>
    protected abstract string? Key(string written, out string? problem);

    protected abstract RateTrace? Read(string key, string written, List<string> problems);

    /// <summary>Trace files relative to a folder (or absolute).</summary>
    public sealed class OnDisk(string baseDirectory) : TraceFiles
    {
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _textByFile = new(StringComparer.Ordinal);

        /// <summary>Every trace read without a problem, by the path as the world file writes it.</summary>
        public IReadOnlyDictionary<string, string> Texts => _texts;

        protected override string? Key(string written, out string? problem)
        {
            problem = null;
            try
            {
                var file = Path.GetFullPath(written, baseDirectory);
                if (_textByFile.TryGetValue(file, out var text)) _texts[written] = text;
                return file;
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problem = $"is not a file path, got {WorldProblems.Quoted(written)}.";
                return null;
            }
        }

        protected override RateTrace? Read(string key, string written, List<string> problems)
        {
            var text = Text.InputFile.ReadText(key, WorldLimits.MaxTraceBytes, WorldProblems.Quoted(written), out var error);
            if (text is null)
            {
                problems.Add(error!);
                return null;
            }
            var trace = RateTraceReader.Parse(text, written, problems);
            if (trace is not null)
            {
                _textByFile[key] = text;
                _texts[written] = text;
            }
            return trace;
        }
    }

    private sealed class Carried(IReadOnlyDictionary<string, string> texts) : TraceFiles
    {
        protected override string? Key(string written, out string? problem)
        {
            problem = texts.ContainsKey(written) ? null : $"names a trace the world did not come with, got {WorldProblems.Quoted(written)}.";
            return problem is null ? written : null;
        }

        protected override RateTrace? Read(string key, string written, List<string> problems)
        {
            var text = texts[key];
            if (text.Length <= WorldLimits.MaxTraceBytes) return RateTraceReader.Parse(text, written, problems);
            problems.Add($"{WorldProblems.Quoted(written)} is larger than {WorldLimits.MaxTraceBytes} bytes.");
            return null;
        }
    }
}
