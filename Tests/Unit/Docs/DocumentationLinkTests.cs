using System.Text.RegularExpressions;
using Auction.Tests.Support;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Auction.Tests.Unit.Docs;

/// <summary>
/// The README and the pages in docs/ stand on their own: every link names a file inside the repository that exists
/// and, when it points at a heading (<c>page.md#anchor</c>), a heading that page has (GitHub's heading ids); every
/// repository path they quote as code still exists.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "README.md" };
        foreach (var page in Directory.GetFiles(RepositoryRoot.Combine("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(RepositoryRoot.Path, page).Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_resolves_inside_the_repository(string page)
    {
        var broken = Links(page).Select(link => Problem(page, link)).OfType<string>().ToArray();

        Assert.True(broken.Length == 0, $"{page}: {string.Join("; ", broken)}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_repository_path_in_code_spans_exists(string page)
    {
        var document = Markdown.Parse(File.ReadAllText(RepositoryRoot.Combine(page)), Pipeline);
        var missing = document.Descendants<CodeInline>()
            .Select(code => code.Content)
            .Where(IsRepositoryPath)
            .Where(path => !File.Exists(RepositoryRoot.Combine(path)) && !Directory.Exists(RepositoryRoot.Combine(path)))
            .ToArray();

        Assert.True(missing.Length == 0, $"{page} names files that are not in the repository: {string.Join(", ", missing)}");
    }

    /// <summary>A code span that reads as a path below a top-level folder of the repository, e.g. <c>Grains/Scoring/Sigmoid.cs</c>.</summary>
    private static bool IsRepositoryPath(string text) =>
        RepositoryPath().IsMatch(text) && text.Split('/')[0] is not ("." or "..") && Directory.Exists(RepositoryRoot.Combine(text.Split('/')[0]));

    [Fact]
    public void The_check_finds_a_link_out_of_the_repository_a_missing_file_and_a_missing_heading()
    {
        // The real pages are the test's input; these three are what it must catch.
        Assert.Contains("leaves the repository", Problem("docs/lab.md", "../../outside/notes.md"));
        Assert.Contains("no such file", Problem("docs/lab.md", "nowhere.md"));
        Assert.Contains("no heading", Problem("README.md", "docs/algorithm.md#no-such-heading"));
        Assert.Contains("points outside", Problem("README.md", "https://example.org/page"));
        Assert.Null(Problem("README.md", "docs/algorithm.md"));
        Assert.Null(Problem("docs/configuration.md", "algorithm.md#parameters"));
        Assert.Contains("docs/algorithm.md", Links("README.md"));
        Assert.True(IsRepositoryPath("Tests/Unit/Scoring/NoSuchTests.cs"));
        Assert.False(IsRepositoryPath("/run/auction-lab/x"));
        Assert.False(IsRepositoryPath("Client/Commands/*"));
        Assert.False(IsRepositoryPath("./results"));
    }

    /// <summary>Link targets of one page: Markdown links and images (reference definitions resolved) and raw HTML src/href.</summary>
    private static IEnumerable<string> Links(string page)
    {
        var document = Markdown.Parse(File.ReadAllText(RepositoryRoot.Combine(page)), Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!string.IsNullOrEmpty(link.Url)) yield return link.Url;
        }

        foreach (var html in document.Descendants<HtmlInline>().Select(h => h.Tag)
                     .Concat(document.Descendants<HtmlBlock>().Select(b => b.Lines.ToString())))
        {
            foreach (Match m in HtmlLink().Matches(html)) yield return m.Groups[1].Value;
        }
    }

    /// <summary>What is wrong with a link from <paramref name="page"/>, or null when it resolves.</summary>
    private static string? Problem(string page, string target)
    {
        if (UriScheme().IsMatch(target)) return $"'{target}' points outside the repository";
        var hash = target.IndexOf('#');
        var (path, anchor) = hash < 0 ? (target, "") : (target[..hash], target[(hash + 1)..]);
        var file = path.Length == 0
            ? RepositoryRoot.Combine(page)
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryRoot.Combine(page))!, Uri.UnescapeDataString(path)));
        var root = RepositoryRoot.Path.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!file.StartsWith(root, StringComparison.Ordinal)) return $"'{target}' leaves the repository";
        if (!File.Exists(file) && !Directory.Exists(file)) return $"'{target}': no such file";
        if (anchor.Length == 0 || !file.EndsWith(".md", StringComparison.Ordinal)) return null;
        var headings = Markdown.Parse(File.ReadAllText(file), Pipeline).Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id);
        return headings.Contains(anchor, StringComparer.Ordinal) ? null : $"'{target}': no heading #{anchor} in {Path.GetFileName(file)}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+/?$")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex("""(?:src|href)\s*=\s*["']([^"']+)["']""")]
    private static partial Regex HtmlLink();
}
