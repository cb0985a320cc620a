// The gaming VM as a KubeVirt VirtualMachine in the GitOps repository (architecture §5.8 "Phase 3:
// KubeVirt"): one folder of the prod overlay, deployed by its own Argo CD Application. The panel's
// KubeVirt backend starts and stops the VM by committing `spec.runStrategy` (Always / Halted).

export const GAMING_VM = {
  cluster: 'prod',
  namespace: 'gaming',
  name: 'windows-gaming',
  /** Argo CD Application deploying the folder. */
  app: 'gaming-vm-prod',
  dir: 'kubernetes/overlays/prod/gaming-vm',
  file: 'kubernetes/overlays/prod/gaming-vm/virtualmachine.yaml',
  /** The passed-through GPU as the KubeVirt permittedHostDevices entry names it. */
  gpu: 'nvidia.com/GA104_GEFORCE_RTX_3070',
  memory: '32Gi',
} as const;

export function renderGamingVm(runStrategy: 'Always' | 'Halted' = 'Halted'): string {
  return `# Windows gaming VM (32 GB, GPU passthrough). Off most of the time: the panel's gaming card
# starts and stops it by committing runStrategy (Always / Halted); Argo CD applies it.
apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${GAMING_VM.name}
  namespace: ${GAMING_VM.namespace}
  labels:
    app.kubernetes.io/name: ${GAMING_VM.name}
    app.kubernetes.io/part-of: homelab
spec:
  runStrategy: ${runStrategy} # Always = on, Halted = off (written by the panel)
  template:
    metadata:
      labels:
        kubevirt.io/vm: ${GAMING_VM.name}
    spec:
      terminationGracePeriodSeconds: 180
      domain:
        cpu:
          cores: 8
        memory:
          guest: ${GAMING_VM.memory}
        resources:
          requests:
            memory: ${GAMING_VM.memory}
        devices:
          gpus:
            - name: gpu1
              deviceName: ${GAMING_VM.gpu}
          disks:
            - name: system
              disk:
                bus: virtio
      volumes:
        - name: system
          persistentVolumeClaim:
            claimName: ${GAMING_VM.name}-system
`;
}

export function gamingVmFiles(): Record<string, string> {
  return {
    [`${GAMING_VM.dir}/kustomization.yaml`]: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${GAMING_VM.namespace}\nresources:\n  - virtualmachine.yaml\n`,
    [GAMING_VM.file]: renderGamingVm('Halted'),
  };
}
