// Package dockershim holds the containerCleanupInfos shape: a map field
// written by a helper that concurrent RPC handlers call, with no mutex.
package dockershim

import "rpcstub/grpc"

type RuntimeServiceServer interface {
	CreateContainer(id string) error
	RemoveContainer(id string) error
}

func RegisterRuntimeServiceServer(s grpc.ServiceRegistrar, srv RuntimeServiceServer) {}

type cleanupInfo struct{ path string }

type dockerService struct {
	containerCleanupInfos map[string]*cleanupInfo
}

func (ds *dockerService) CreateContainer(id string) error {
	ds.performPlatformSpecificContainerCreationCleanup(id)
	ds.containerCleanupInfos[id] = &cleanupInfo{} // the same map: reported once per RPC method
	return nil
}

func (ds *dockerService) RemoveContainer(id string) error {
	ds.performPlatformSpecificContainerCreationCleanup(id)
	return nil
}

func (ds *dockerService) performPlatformSpecificContainerCreationCleanup(id string) {
	delete(ds.containerCleanupInfos, id) // want `concurrent map write: ds\.containerCleanupInfos written here by concurrent calls of the RPC method \(\*dockerService\)\.CreateContainer registered at dockershim\.go:38, with no lock held; guard it with a sync\.Mutex`
}

func Serve() {
	s := grpc.NewServer()
	ds := &dockerService{containerCleanupInfos: map[string]*cleanupInfo{}}
	RegisterRuntimeServiceServer(s, ds)
}
