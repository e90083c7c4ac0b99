package io.wharf.bootstrap.testing;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * OTLP's gRPC trace service on a real gRPC server (grpc-java with Netty, from the shaded GCS SDK the
 * build already ships), declared by hand from the protobuf messages: opentelemetry-proto has no stubs.
 */
final class GrpcTraceService {
    private static final String SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

    private final Server server;

    private GrpcTraceService(Server server) {
        this.server = server;
    }

    static GrpcTraceService start(Consumer<ExportTraceServiceRequest> exports) throws IOException {
        MethodDescriptor<ExportTraceServiceRequest, ExportTraceServiceResponse> export =
                MethodDescriptor.<ExportTraceServiceRequest, ExportTraceServiceResponse>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Export"))
                        .setRequestMarshaller(ProtoUtils.marshaller(ExportTraceServiceRequest.getDefaultInstance()))
                        .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                        .build();
        ServerServiceDefinition service = ServerServiceDefinition.builder(SERVICE)
                .addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
                    exports.accept(request);
                    response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                    response.onCompleted();
                }))
                .build();
        return new GrpcTraceService(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(service)
                .build()
                .start());
    }

    int port() {
        return server.getPort();
    }

    void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
