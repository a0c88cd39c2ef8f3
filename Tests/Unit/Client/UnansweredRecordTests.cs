using Auction.Grains.Interfaces.Models;

namespace Auction.Tests.Unit.Client;

/// <summary>The record of a request nobody answered (<see cref="TransactionRecord.ForRequest"/>).</summary>
public sealed class UnansweredRecordTests
{
    private static PurchaseRequest Request(string strategy, AuctionParameters? parameters) => new()
    {
        ExperimentId = Guid.NewGuid(),
        Sequence = 12,
        Strategy = strategy,
        Qos = new Qos(0.4, 3, 5, 0.5, 0.5, 1.5, 20),
        Providers = ["provider-2", "provider-0"],
        Parameters = parameters,
    };

    [Fact]
    public void It_holds_what_the_request_says_and_is_failed_without_a_reason()
    {
        var request = Request(Strategies.Auction, null);
        var at = new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);

        var record = TransactionRecord.ForRequest(request, "consumer-3", at, request.Parameters);

        Assert.Equal(
            (request.TransactionId, request.ExperimentId, request.Sequence, request.Strategy, request.Qos, "consumer-3", at),
            (record.TransactionId, record.ExperimentId, record.Sequence, record.Strategy, record.Qos, record.ConsumerId, record.RequestedAt));
        Assert.Equal(request.Providers, record.Participants);
        Assert.Equal(TransactionOutcome.Failed, record.Outcome);
        Assert.Null(record.FailureReason);
        Assert.Null(record.Winner);
        Assert.Null(record.DecidedAt);
    }

    [Fact]
    public void Without_parameters_it_records_the_defaults_aggregator_and_variant_and_no_parameters()
    {
        var record = TransactionRecord.ForRequest(Request(Strategies.Auction, null), "consumer-0", DateTimeOffset.UnixEpoch, null);

        Assert.Equal(AuctionParameters.Default.Aggregator, record.Aggregator);
        Assert.Equal(AuctionParameters.Default.Variant, record.Variant);
        Assert.Null(record.ConsumerParameters);
    }

    [Theory]
    [InlineData("auction")]
    [InlineData("naive")]
    public void With_parameters_it_records_them_and_what_they_select_for_the_strategy(string strategy)
    {
        var parameters = AuctionParameters.Default with { Aggregator = AggregatorNames.Median, ConsumerMemory = 0.3 };

        var record = TransactionRecord.ForRequest(Request(strategy, parameters), "consumer-0", DateTimeOffset.UnixEpoch, parameters);

        Assert.Equal(parameters.AggregatorFor(strategy), record.Aggregator);
        Assert.Equal(parameters.VariantFor(strategy), record.Variant);
        Assert.Same(parameters, record.ConsumerParameters);
    }
}
