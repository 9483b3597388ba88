// Package grpc is a stub of a gRPC server for tests.
package grpc

type Server struct{}

func NewServer() *Server { return &Server{} }

type ServiceRegistrar interface{ RegisterService() }

func (*Server) RegisterService() {}
