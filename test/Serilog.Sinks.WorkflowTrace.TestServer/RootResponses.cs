namespace Serilog.Sinks.WorkflowTrace.TestServer;

/// <summary>
/// Ready-made bodies of <c>GET /</c> for <see cref="FakeElasticsearchOptions.RootResponseJson"/>, in the shapes each
/// product sends. The server reads its kind and version from the body it is given: Elasticsearch
/// (<c>build_flavor: default</c>), serverless (<c>build_flavor: serverless</c>) or OpenSearch
/// (<c>version.distribution: opensearch</c>, no <c>build_flavor</c>).
/// </summary>
public static class RootResponses
{
    /// <summary>Elasticsearch 7.7.1: before composable templates (only the legacy <c>_template</c>), with ILM.</summary>
    public const string Elasticsearch771 = """
        {
          "name": "es-node-1",
          "cluster_name": "docker-cluster",
          "cluster_uuid": "u3Kq0cB9T2mYbGz0x7pQYw",
          "version": {
            "number": "7.7.1",
            "build_flavor": "default",
            "build_type": "docker",
            "build_hash": "ad56dce891c901a492bb1ee393f12dfff473a423",
            "build_date": "2020-05-28T16:30:01.040088Z",
            "build_snapshot": false,
            "lucene_version": "8.5.1",
            "minimum_wire_compatibility_version": "6.8.0",
            "minimum_index_compatibility_version": "6.0.0-beta1"
          },
          "tagline": "You Know, for Search"
        }
        """;

    /// <summary>Elasticsearch 7.17.22: composable templates, data streams and ILM; no data stream lifecycle.</summary>
    public const string Elasticsearch71722 = """
        {
          "name": "es-node-1",
          "cluster_name": "docker-cluster",
          "cluster_uuid": "hF2d7Qe0RkWm3Zt1b9VnJg",
          "version": {
            "number": "7.17.22",
            "build_flavor": "default",
            "build_type": "docker",
            "build_hash": "38e9ca2e81304a821c50862dafab089ca863944b",
            "build_date": "2024-06-06T07:35:17.876121680Z",
            "build_snapshot": false,
            "lucene_version": "8.11.3",
            "minimum_wire_compatibility_version": "6.8.0",
            "minimum_index_compatibility_version": "6.0.0-beta1"
          },
          "tagline": "You Know, for Search"
        }
        """;

    /// <summary>Elasticsearch 8.15.3: composable templates, data streams, ILM and data stream lifecycle.</summary>
    public const string Elasticsearch8153 = """
        {
          "name": "es-node-1",
          "cluster_name": "docker-cluster",
          "cluster_uuid": "Xn4pW2s8QhuC1r0fLk7aBw",
          "version": {
            "number": "8.15.3",
            "build_flavor": "default",
            "build_type": "docker",
            "build_hash": "f97532e680b555c3a05e73a74c28afb666923018",
            "build_date": "2024-10-09T22:08:00.328917561Z",
            "build_snapshot": false,
            "lucene_version": "9.11.1",
            "minimum_wire_compatibility_version": "7.17.0",
            "minimum_index_compatibility_version": "7.0.0"
          },
          "tagline": "You Know, for Search"
        }
        """;

    /// <summary>
    /// Elasticsearch 9.1.0, the default: es-fixtures/spec/_global.info/RootNodeInfoResponseExample1.json from the
    /// official specification.
    /// </summary>
    public const string Elasticsearch910 = """
        {
          "name": "instance-0000000000",
          "cluster_name": "my_test_cluster",
          "cluster_uuid": "zk-HjQtYQGyL3NFSSu7InA",
          "version": {
            "number": "9.1.0",
            "build_flavor": "default",
            "build_type": "docker",
            "build_hash": "00000000",
            "build_date": "2025-07-09T22:10:13.578182715Z",
            "build_snapshot": false,
            "lucene_version": "10.2.2",
            "minimum_wire_compatibility_version": "8.19.0",
            "minimum_index_compatibility_version": "8.0.0"
          },
          "tagline": "You Know, for Search"
        }
        """;

    /// <summary>
    /// Elasticsearch serverless 9.4.0: es-fixtures/spec/_global.info/RootNodeInfoResponseExample2.json. No ILM, no
    /// legacy templates, no shard or replica settings; data stream lifecycle instead.
    /// </summary>
    public const string ElasticsearchServerless940 = """
        {
          "name": "serverless",
          "cluster_name": "my_test_serverless_cluster",
          "cluster_uuid": "8xx0pi24Squnf4PFDOAtwg",
          "version": {
            "number": "9.4.0",
            "build_flavor": "serverless",
            "build_type": "docker",
            "build_hash": "6b73650b7c4192d4a7ef1d75a368dad7d28f1ae0",
            "build_date": "2026-03-31T12:25:05.021648363Z",
            "build_snapshot": false,
            "lucene_version": "10.4.0",
            "minimum_wire_compatibility_version": "9.4.0",
            "minimum_index_compatibility_version": "9.4.0"
          },
          "tagline": "You Know, for Search"
        }
        """;

    /// <summary>OpenSearch 2.17.1: composable templates and data streams, ISM instead of ILM, no product header.</summary>
    public const string OpenSearch2171 = """
        {
          "name": "opensearch-node1",
          "cluster_name": "opensearch-cluster",
          "cluster_uuid": "bT3kL9pZQ0mW5xV1c7N2hA",
          "version": {
            "distribution": "opensearch",
            "number": "2.17.1",
            "build_type": "tar",
            "build_hash": "1893d20797e30110e5877170e44d42275ce5951e",
            "build_date": "2024-09-26T21:59:52.691008096Z",
            "build_snapshot": false,
            "lucene_version": "9.11.1",
            "minimum_wire_compatibility_version": "7.10.0",
            "minimum_index_compatibility_version": "7.0.0"
          },
          "tagline": "The OpenSearch Project: https://opensearch.org/"
        }
        """;

    /// <summary>OpenSearch 3.0.0.</summary>
    public const string OpenSearch300 = """
        {
          "name": "opensearch-node1",
          "cluster_name": "opensearch-cluster",
          "cluster_uuid": "Zr8dF1sY0Wq6nK3uP5tE4g",
          "version": {
            "distribution": "opensearch",
            "number": "3.0.0",
            "build_type": "tar",
            "build_hash": "dc4efa821904cc2d7ea7ef61c0f577d3fc0d8be9",
            "build_date": "2025-05-03T06:23:50.311109522Z",
            "build_snapshot": false,
            "lucene_version": "10.1.0",
            "minimum_wire_compatibility_version": "2.19.0",
            "minimum_index_compatibility_version": "2.0.0"
          },
          "tagline": "The OpenSearch Project: https://opensearch.org/"
        }
        """;
}
