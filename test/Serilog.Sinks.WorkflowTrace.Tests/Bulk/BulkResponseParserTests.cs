using Serilog.Sinks.WorkflowTrace.Bulk;
using Serilog.Sinks.WorkflowTrace.Tests.Support;

namespace Serilog.Sinks.WorkflowTrace.Tests.Bulk;

public class BulkResponseParserTests
{
    [Test]
    public void TheSpecificationsSuccessfulResponseIsReadItemByItem()
    {
        var response = BulkResponseParser.Parse(Fixture.Bytes("spec/_global.bulk/BulkResponseExample1.json"));
        Assert.That(response.Errors, Is.False);
        Assert.That(response.Items.Select(i => (i.Action, i.Status)), Is.EqualTo(new (string?, int?)[]
        {
            ("index", 201), ("delete", 404), ("create", 201), ("update", 200),
        }));
        Assert.That(response.Items[0].IsDelivered, Is.True);
        Assert.That(response.Items[1].IsDelivered, Is.False, "a 404 item comes with errors:false: classify by status, not by errors");
    }

    [Test]
    public void TheSpecificationsErrorResponseKeepsTypeAndReasonByPosition()
    {
        var response = BulkResponseParser.Parse(Fixture.Bytes("spec/_global.bulk/BulkResponseExample2.json"));
        Assert.That(response.Errors, Is.True);
        Assert.That(response.Items, Has.Count.EqualTo(3));
        Assert.That(response.Items[0].Status, Is.EqualTo(404));
        Assert.That(response.Items[0].ErrorType, Is.EqualTo("document_missing_exception"));
        Assert.That(response.Items[0].ErrorReason, Is.EqualTo("[5]: document missing"));
        Assert.That(response.Items[2].IsDelivered, Is.True);
    }

    [Test]
    public void AResponseTrimmedByFilterPathIsReadTolerantly()
    {
        var noStatus = BulkResponseParser.Parse(Fixture.Bytes("spec/_global.bulk/BulkResponseExample3.json"));
        Assert.That(noStatus.Errors, Is.Null);
        Assert.That(noStatus.Items, Has.Count.EqualTo(2));
        Assert.That(noStatus.Items.All(i => i.Status is null && i.HasError && !i.IsDelivered), Is.True);

        var trimmed = BulkResponseParser.Parse(Fixture.Bytes("hand-written/bulk-filter-path-trimmed.json"));
        Assert.That(trimmed.Items.Select(i => i.IsDelivered), Is.EqualTo(new[] { true, false, true }));
        Assert.That(trimmed.Items[1].ErrorType, Is.EqualTo("mapper_parsing_exception"));

        var onlyErrors = BulkResponseParser.Parse(Fixture.Bytes("hand-written/bulk-filter-path-no-errors.json"));
        Assert.That(onlyErrors.HasItems, Is.False);
        Assert.That(onlyErrors.Errors, Is.False);
    }

    [Test]
    public void ItemErrorsAreClassifiedByStatus()
    {
        var items = BulkResponseParser.Parse(Fixture.Bytes("hand-written/bulk-item-errors.json")).Items;

        Assert.That(items[0].IsDelivered, Is.True, "201 created");

        Assert.That(items[1].IsDelivered || items[1].IsRetryable, Is.False, "400 mapping error is permanent for the document as sent");
        Assert.That(items[1].ErrorType, Is.EqualTo("document_parsing_exception"));
        Assert.That(items[1].ErrorReason, Does.Contain("failed to parse field [metadata.Attempt]").And.Contain("caused by illegal_argument_exception"));

        Assert.That(items[2].IsDelivered, Is.True, "409 on create of our own id: the document is already there");

        Assert.That(items[3].IsDelivered, Is.False);
        Assert.That(items[3].IsRetryable, Is.True, "429 may succeed later");
    }

    [Test]
    public void A409OnAnActionOtherThanCreateIsNotDelivery()
    {
        var item = new BulkItemResult("index", 409, "version_conflict_engine_exception", "conflict");
        Assert.That(item.IsDelivered, Is.False);
    }

    [TestCase("hand-written/error-401.json", "security_exception: unable to authenticate user [elastic]")]
    [TestCase("hand-written/error-406-string.json", "error: Content-Type header")]
    public void WholeRequestErrorBodiesAreDescribed(string fixture, string expectedStart)
    {
        Assert.That(BulkResponseParser.DescribeErrorBody(Fixture.Bytes(fixture)), Does.StartWith(expectedStart));
    }

    [Test]
    public void ANonJsonErrorBodyIsDescribedByAShortExcerpt()
    {
        var html = "<html><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>"u8.ToArray();
        var description = BulkResponseParser.DescribeErrorBody(html);
        Assert.That(description, Does.StartWith("non-JSON body: <html>"));
        Assert.That(description, Does.Not.Contain("\n"));
        Assert.That(BulkResponseParser.DescribeErrorBody([]), Is.EqualTo("(empty body)"));
    }

    [Test]
    public void ABodyThatIsNotAnObjectIsAnError()
    {
        Assert.That(() => BulkResponseParser.Parse("[1,2]"u8), Throws.InstanceOf<System.Text.Json.JsonException>());
        Assert.That(() => BulkResponseParser.Parse("{\"items\":[{\"create\":"u8), Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    [Test]
    public void AnAnswerOfIdenticalCompactItemsIsReadAsOneItemStandingForAll()
    {
        var body = "{\"errors\":false,\"items\":[" + string.Join(",", Enumerable.Repeat("{\"create\":{\"status\":201}}", 5000)) + "]}";
        var response = BulkResponseParser.Parse(System.Text.Encoding.UTF8.GetBytes(body), 5000);

        Assert.That(response.Items, Is.InstanceOf<UniformItemList>(), "no list of 5,000 equal entries");
        Assert.That(response.Items, Has.Count.EqualTo(5000));
        Assert.That(response.Errors, Is.False);
        Assert.That(response.HasItems, Is.True);
        Assert.That(response.Items[4999], Is.EqualTo(new BulkItemResult("create", 201, null, null)));
        Assert.That(response.Items.Distinct().Single().IsDelivered, Is.True);
        Assert.That(() => response.Items[5000], Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    /// <summary>
    /// Whatever the answer, the compact reading gives what reading item by item gives: any answer it does not take
    /// whole (another status or action anywhere, more fields, white space, a broken or cut-off body) is read item by
    /// item, errors included.
    /// </summary>
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}]}", true)]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":201}}]}\n", true)]
    [TestCase("{\"took\":3,\"errors\":false,\"items\":[{\"index\":{\"status\":200}},{\"index\":{\"status\":200}}]}", true)]
    [TestCase("{\"errors\":true,\"items\":[{\"create\":{\"status\":429}},{\"create\":{\"status\":429}}]}", true)]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":200}}]}", false)]
    [TestCase("{\"errors\":true,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":409}}]}", false)]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"index\":{\"status\":201}}]}", false)]
    [TestCase("{\"errors\":true,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":400,\"error\":{\"type\":\"document_parsing_exception\",\"reason\":\"bad\"}}}]}", false)]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}, {\"create\":{\"status\":201}}]}", false)]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"_index\":\"i\",\"status\":201}}]}", false)]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}],\"took\":4}", false)]
    [TestCase("{\"errors\":false,\"items\":[{\"delete\":{\"status\":404}}]}", false)]
    [TestCase("{\"errors\":false,\"items\":[]}", false)]
    public void TheCompactReadingAgreesWithReadingItemByItem(string body, bool compact)
    {
        var response = BulkResponseParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));
        var expected = ReadItemByItem(body);

        Assert.That(response.Items is UniformItemList, Is.EqualTo(compact));
        Assert.That(response.Items.ToArray(), Is.EqualTo(expected));
    }

    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":201}}]")]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}},{\"create\":{\"status\":201}},")]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":201}}{\"create\":{\"status\":201}}]}")]
    [TestCase("{\"errors\":false,\"items\":[{\"create\":{\"status\":2x1}}]}")]
    public void ACutOffOrBrokenAnswerIsStillRefused(string body)
    {
        Assert.That(() => BulkResponseParser.Parse(System.Text.Encoding.UTF8.GetBytes(body)), Throws.InstanceOf<System.Text.Json.JsonException>());
    }

    /// <summary>The items as System.Text.Json's document model reads them, independently of the parser.</summary>
    static BulkItemResult[] ReadItemByItem(string body)
    {
        using var document = System.Text.Json.JsonDocument.Parse(body);
        return document.RootElement.GetProperty("items").EnumerateArray().Select(item =>
        {
            var action = item.EnumerateObject().First();
            var status = action.Value.TryGetProperty("status", out var s) ? s.GetInt32() : (int?)null;
            string? type = null, reason = null;
            if (action.Value.TryGetProperty("error", out var error))
            {
                type = error.GetProperty("type").GetString();
                reason = error.GetProperty("reason").GetString();
            }
            return new BulkItemResult(action.Name, status, type, reason);
        }).ToArray();
    }
}
